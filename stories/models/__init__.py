from .story import Inspiration, Outcome, StoryPage, StoryTag
from .vocabulary import Indicator, Method, Municipality, Region, TargetGroup, Vocabulary

__all__ = [
    "Indicator",
    "Inspiration",
    "Method",
    "Municipality",
    "Outcome",
    "Region",
    "StoryPage",
    "StoryTag",
    "TargetGroup",
    "Vocabulary",
]
