"""Production settings for the benchmark server, collecting static files outside the repository.

kundenakte.settings fixes STATIC_ROOT to the project's staticfiles/ folder; the benchmark must not
write there, so it points STATIC_ROOT at a folder of its own and keeps everything else as is.
"""

import os

from kundenakte.settings import *  # noqa: F403

STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
