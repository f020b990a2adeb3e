#include "CHeraldOpenSSL.h"
