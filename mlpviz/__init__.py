"""mlpviz: train small multi-layer perceptrons and see every number backpropagation computes."""

__version__ = "0.1.0"
