from content.models.pages import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleReference,
    ArticleRelatedLink,
    FAQPage,
    HomeFeaturedArticle,
    HomePage,
    StandardPage,
)
from content.models.settings import SiteSettings
from content.models.snippets import FAQEntry, Person, Topic

__all__ = [
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleReference",
    "ArticleRelatedLink",
    "FAQEntry",
    "FAQPage",
    "HomeFeaturedArticle",
    "HomePage",
    "Person",
    "SiteSettings",
    "StandardPage",
    "Topic",
]
