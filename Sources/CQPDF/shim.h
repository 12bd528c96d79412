#ifndef BRIEF_CQPDF_SHIM_H
#define BRIEF_CQPDF_SHIM_H

#include <qpdf/qpdf-c.h>

#endif
