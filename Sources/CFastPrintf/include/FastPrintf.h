#ifndef THAIREPORT_FAST_PRINTF_H
#define THAIREPORT_FAST_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/// Formats one number the way glibc's `vsnprintf` would, for the single conversions Cairo's PDF
/// surface prints its numbers with ("%d", "%ld", "%u", "%lu", "%x", "%X", "%0*x", "%04x",
/// "%010ld", "%f", "%.18f", "%.*f"). Returns the length written, or -1 where it does not
/// handle the format, the value or the room (the caller then asks glibc). A -1 may come after
/// some arguments were read (a width, the value): give it a copy of the list (`va_copy`) and
/// glibc the list itself.
int thaireport_fast_vformat(char *buffer, size_t size, const char *format, va_list arguments);

/// 1 where Cairo's fortified `snprintf` calls (`__snprintf_chk`) reach this module's fast path
/// in the running process (the executable exports the symbol), 0 where they reach glibc's.
int thaireport_fast_printf_is_bound(void);

/// 1 where the module was built under a sanitizer, whose runtime keeps printf to itself (the
/// formatter is built, not bound).
int thaireport_fast_printf_under_sanitizer(void);

/// `snprintf` as Cairo's fortified build calls it (`__snprintf_chk`, whichever the process
/// binds), with one argument, or a `*` width or precision and one argument: for tests.
int thaireport_snprintf_int(char *buffer, size_t size, const char *format, int value);
int thaireport_snprintf_star_int(char *buffer, size_t size, const char *format, int star, int value);
int thaireport_snprintf_double(char *buffer, size_t size, const char *format, double value);
int thaireport_snprintf_star_double(char *buffer, size_t size, const char *format, int star, double value);

#endif
