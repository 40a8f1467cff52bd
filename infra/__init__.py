"""Infrastructure helpers that are not deployed: the local stack lives in infra.local."""
