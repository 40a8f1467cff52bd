"""The embedded default stack: moto on 127.0.0.1, provisioned from template.yaml, behind a dev
gateway that serves the built site and turns /api requests into HTTP API v2 events."""
