#ifndef STACKQ_CZLIB_SHIM_H
#define STACKQ_CZLIB_SHIM_H
#include <zlib.h>
#endif
