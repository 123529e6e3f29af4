"""News intelligence: ingestion of articles and feeds, and the pure extraction engine."""
