#include "CHeraldZlib.h"
