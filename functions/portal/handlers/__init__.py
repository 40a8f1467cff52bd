"""Thin entry points: parse the request, call one service function, shape the response."""
