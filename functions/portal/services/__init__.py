"""Use cases: each public function is one thing a citizen or an officer does."""
