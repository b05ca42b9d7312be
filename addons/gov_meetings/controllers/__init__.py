from . import paper
