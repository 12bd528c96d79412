#ifndef BRIEF_CLIBXML2_SHIM_H
#define BRIEF_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU, whose headers clash with Foundation's copy of ICU in Swift's module
   cache. We never touch ICU-specific fields, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

/* libxml2's globals are C variables; Swift 6 refuses to touch them directly. */
static inline void brief_xml_free(void *p) { xmlFree(p); }
static inline void brief_set_max_depth(unsigned int depth) { xmlParserMaxDepth = depth; }

/* Refuses every external load: DTDs, entities, XInclude, schema imports, xsi hints. */
static xmlParserInputPtr brief_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void brief_install_deny_loader(void) { xmlSetExternalEntityLoader(brief_deny_loader); }

/* Absolute byte offset of the parser in its (UTF-8) input. */
static inline long brief_parser_offset(xmlParserCtxtPtr ctxt) { return xmlByteConsumed(ctxt); }

/* The last offset at or before `from` (and above 0) holding '<', or 0: where the tag being parsed opens. */
static inline long brief_last_tag_start(const unsigned char *text, long from) {
    long index = from;
    while (index > 0 && text[index] != '<') index--;
    return index;
}

#endif
