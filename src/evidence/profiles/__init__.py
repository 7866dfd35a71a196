"""Area profiles: the content of one profile, the batch that builds them all, the index page."""

from evidence.profiles.content import Profile, Section, build_profile

__all__ = ["Profile", "Section", "build_profile"]
