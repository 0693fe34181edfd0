from .evidence import EvidenceMapPage
from .pages import (
    CollectionItem,
    CollectionPage,
    CollectionsIndexPage,
    HomePage,
    MethodPage,
    MethodsIndexPage,
    MunicipalitiesIndexPage,
    RegionPage,
    StoriesIndexPage,
)
from .story import Outcome, StoryPage, StoryTag
from .vocabulary import Indicator, Method, Municipality, Region, TargetGroup, Vocabulary

__all__ = [
    "CollectionItem",
    "CollectionPage",
    "CollectionsIndexPage",
    "EvidenceMapPage",
    "HomePage",
    "Indicator",
    "Method",
    "MethodPage",
    "MethodsIndexPage",
    "MunicipalitiesIndexPage",
    "Municipality",
    "Outcome",
    "Region",
    "RegionPage",
    "StoriesIndexPage",
    "StoryPage",
    "StoryTag",
    "TargetGroup",
    "Vocabulary",
]
