"""The engine: pure numpy (and numba), no Qt. Read it beside the tutorials."""

from .config import Config, load_config
from .errors import InputError
from .experiment import Experiment
from .network import Network, gradient_step
from .normalize import MinMax
from .trainer import Trainer

__all__ = ["Config", "Experiment", "InputError", "MinMax", "Network", "Trainer",
           "gradient_step", "load_config"]
