from . import test_topics
from . import test_topics_tour
