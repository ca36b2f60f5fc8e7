/* What the library exports.  Every public function is declared EM_EXTERN;
 * the shared library is built with hidden visibility, so whatever is not
 * declared here (the em__ internals shared between its files) stays
 * inside it. */
#ifndef EVENTMAP_EXPORT_H
#define EVENTMAP_EXPORT_H

#if defined(__GNUC__) && defined(EM_BUILDING_LIBRARY)
#define EM_EXTERN __attribute__((visibility("default")))
#else
#define EM_EXTERN
#endif

#endif
