"""storyline: cited, de-duplicated stories from news articles of many outlets."""

from storyline.models import Article, Budget, Citation, Summary, SummarySentence

__version__ = "0.1.0"
__all__ = ["Article", "Budget", "Citation", "Summary", "SummarySentence", "__version__"]
