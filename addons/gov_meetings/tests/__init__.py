from . import test_topics
