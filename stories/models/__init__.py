from .story import Outcome, StoryPage, StoryTag
from .vocabulary import Indicator, Method, Municipality, Region, TargetGroup, Vocabulary

__all__ = [
    "Indicator",
    "Method",
    "Municipality",
    "Outcome",
    "Region",
    "StoryPage",
    "StoryTag",
    "TargetGroup",
    "Vocabulary",
]
