"""ASGI entry point for uvicorn or any server: `uvicorn kcbridge.web.asgi:app`."""

from kcbridge.web.app import create_app

app = create_app()
