"""ASGI entry point for uvicorn or any server: `uvicorn kcbridge.app.asgi:app`."""

from kcbridge.app.web import create_app

app = create_app()
