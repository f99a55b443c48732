"""chitieu."""
