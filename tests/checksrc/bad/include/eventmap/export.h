/* What the library exports. */
#ifndef EVENTMAP_EXPORT_H
#define EVENTMAP_EXPORT_H

#if defined(__GNUC__) && defined(EM_BUILDING_LIBRARY)
#define EM_EXTERN __attribute__((visibility("default")))
#else
#define EM_EXTERN
#endif

#endif
