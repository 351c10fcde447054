"""The content model: laws, locality settings, lessons and the project that ties them."""
