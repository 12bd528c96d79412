#ifndef BRIEF_CPANGOCAIRO_SHIM_H
#define BRIEF_CPANGOCAIRO_SHIM_H

#include <pango/pangocairo.h>
#include <cairo.h>
#include <cairo-pdf.h>

#endif
