// Cairo 1.16's PDF surface prints every glyph number and every position in a page's content
// through glibc's `snprintf` (one call per number, about a thousand instructions each): a tenth
// of the instructions of a batch of reports. This file defines `__snprintf_chk`, the function
// Cairo's fortified build calls for `snprintf`, in the executable: the dynamic linker binds
// calls from shared libraries to the executable's definition first. It formats the few single
// conversions Cairo uses itself, with exactly glibc's output (FastPrintfTests compare the two
// over every such format and a few hundred thousand values, rounding ties and subnormals
// among them), and hands everything else, with the same arguments, to glibc's own
// `__vsnprintf_chk`, which also does the fortified checks.
//
// Only on glibc; elsewhere nothing is defined and nothing is bound. Under a sanitizer, whose
// runtime intercepts printf itself, the formatter is built (and tested) but not bound.

#define _GNU_SOURCE  // RTLD_DEFAULT

#include "FastPrintf.h"

#include <limits.h>  // defines __GLIBC__ where the C library is glibc

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define THAIREPORT_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define THAIREPORT_UNDER_SANITIZER 1
#endif
#endif

int thaireport_fast_printf_under_sanitizer(void) {
#if defined(THAIREPORT_UNDER_SANITIZER)
    return 1;
#else
    return 0;
#endif
}

#if defined(__GLIBC__) && defined(__SIZEOF_INT128__)

#include <dlfcn.h>
#include <fenv.h>
#include <langinfo.h>
#include <stdint.h>
#include <string.h>

extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

typedef unsigned __int128 u128;

static const uint64_t powersOfTen[19] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
    1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
    1000000000000000000ull,
};

enum { maximumWidth = 64, maximumPrecision = 18 };

/// One parsed conversion: '%' ['0'] [width | '*'] ['.' (precision | '*')] ['l'] conversion.
typedef struct {
    int zeroPadded;
    int width;          // -1: none; -2: from the arguments
    int precision;      // -1: none; -2: from the arguments
    int isLong;
    char conversion;
} Conversion;

/// Reads a whole format of one conversion and nothing else; 0 where it is not one this file
/// handles.
static int parseConversion(const char *format, Conversion *out) {
    const char *p = format;
    if (*p++ != '%') return 0;
    out->zeroPadded = 0;
    out->width = -1;
    out->precision = -1;
    out->isLong = 0;
    if (*p == '0') {
        out->zeroPadded = 1;
        p++;
    }
    if (*p == '*') {
        out->width = -2;
        p++;
    } else if (*p >= '1' && *p <= '9') {
        int width = 0;
        while (*p >= '0' && *p <= '9') {
            width = width * 10 + (*p++ - '0');
            if (width > maximumWidth) return 0;
        }
        out->width = width;
    }
    if (*p == '.') {
        p++;
        if (*p == '*') {
            out->precision = -2;
            p++;
        } else {
            int precision = 0;
            while (*p >= '0' && *p <= '9') {
                precision = precision * 10 + (*p++ - '0');
                if (precision > maximumPrecision) return 0;
            }
            out->precision = precision;
        }
    }
    if (*p == 'l') {
        out->isLong = 1;
        p++;
    }
    switch (*p) {
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'f': break;
    default: return 0;
    }
    out->conversion = *p++;
    if (*p != '\0') return 0;
    // Integers take no precision here; a number of fixed point takes no width or '0'.
    if (out->conversion == 'f') {
        if (out->width != -1 || out->zeroPadded || out->isLong) return 0;
    } else if (out->precision != -1) {
        return 0;
    }
    return 1;
}

/// Writes '-' where `negative`, then the `count` characters of `reversed` in reverse order,
/// padded to `width` with spaces before or, where `zeroPadded`, zeros after the sign.
static int emit(char *buffer, size_t size, int negative, const char *reversed, int count, int width,
                int zeroPadded) {
    int length = count + negative;
    int padding = width > length ? width - length : 0;
    if ((size_t)(length + padding) >= size) return -1;
    char *out = buffer;
    if (!zeroPadded) {
        for (int i = 0; i < padding; i++) *out++ = ' ';
    }
    if (negative) *out++ = '-';
    if (zeroPadded) {
        for (int i = 0; i < padding; i++) *out++ = '0';
    }
    for (int i = count - 1; i >= 0; i--) *out++ = reversed[i];
    *out = '\0';
    return length + padding;
}

static int formatInteger(char *buffer, size_t size, const Conversion *c, va_list arguments, int width) {
    int negative = 0;
    unsigned long long magnitude;
    if (c->conversion == 'd' || c->conversion == 'i') {
        long long value = c->isLong ? va_arg(arguments, long) : va_arg(arguments, int);
        negative = value < 0;
        magnitude = negative ? 0ull - (unsigned long long)value : (unsigned long long)value;
    } else {
        magnitude = c->isLong ? va_arg(arguments, unsigned long) : va_arg(arguments, unsigned int);
    }
    char reversed[24];
    int count = 0;
    if (c->conversion == 'x' || c->conversion == 'X') {
        const char *digits = c->conversion == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        do {
            reversed[count++] = digits[magnitude & 15];
            magnitude >>= 4;
        } while (magnitude != 0);
    } else {
        do {
            reversed[count++] = (char)('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude != 0);
    }
    return emit(buffer, size, negative, reversed, count, width, c->zeroPadded);
}

/// `value` rounded to `precision` decimals as glibc rounds it: on the value's exact binary
/// expansion, to nearest, ties to even. -1 for values it leaves to glibc (not finite, 2^63 or
/// more).
static int formatFixed(char *buffer, size_t size, double value, int precision) {
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    int negative = (int)(bits >> 63);
    int exponentBits = (int)((bits >> 52) & 0x7ff);
    uint64_t fraction = bits & ((1ull << 52) - 1);
    if (exponentBits == 0x7ff) return -1;
    uint64_t mantissa = exponentBits == 0 ? fraction : fraction | (1ull << 52);
    int exponent = exponentBits == 0 ? -1074 : exponentBits - 1075;
    u128 scaled;  // value × 10^precision, rounded to an integer
    if (mantissa == 0) {
        scaled = 0;
    } else if (exponent >= 0) {
        if (exponent > 10) return -1;
        scaled = (u128)(mantissa << exponent) * powersOfTen[precision];
    } else {
        int shift = -exponent;
        u128 product = (u128)mantissa * powersOfTen[precision];  // under 2^113
        if (shift >= 120) {
            scaled = 0;  // the product is under half of 2^shift
        } else {
            scaled = product >> shift;
            u128 remainder = product - (scaled << shift);
            u128 half = (u128)1 << (shift - 1);
            if (remainder > half || (remainder == half && (scaled & 1))) scaled += 1;
        }
    }
    uint64_t unit = powersOfTen[precision];
    uint64_t whole, decimals;
    if (scaled >> 64 == 0) {  // the usual case: no 128-bit division
        whole = (uint64_t)scaled / unit;
        decimals = (uint64_t)scaled - whole * unit;
    } else {
        whole = (uint64_t)(scaled / unit);
        decimals = (uint64_t)(scaled - (u128)whole * unit);
    }
    char reversed[48];
    int count = 0;
    for (int i = 0; i < precision; i++) {
        reversed[count++] = (char)('0' + decimals % 10);
        decimals /= 10;
    }
    if (precision > 0) reversed[count++] = '.';
    do {
        reversed[count++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole != 0);
    return emit(buffer, size, negative, reversed, count, 0, 0);
}

int thaireport_fast_vformat(char *buffer, size_t size, const char *format, va_list arguments) {
    Conversion c;
    if (size == 0 || !parseConversion(format, &c)) return -1;
    int width = c.width;
    if (width == -2) {
        width = va_arg(arguments, int);
        if (width < 0 || width > maximumWidth) return -1;
    }
    if (c.conversion != 'f') return formatInteger(buffer, size, &c, arguments, width);
    int precision = c.precision;
    if (precision == -2) {
        precision = va_arg(arguments, int);
        if (precision < 0 || precision > maximumPrecision) return -1;
    } else if (precision == -1) {
        precision = 6;
    }
    double value = va_arg(arguments, double);
    // glibc follows the rounding mode and the locale's decimal point; this path only the
    // default of each.
    if (fegetround() != FE_TONEAREST) return -1;
    const char *point = nl_langinfo(RADIXCHAR);
    if (point[0] != '.' || point[1] != '\0') return -1;
    return formatFixed(buffer, size, value, precision);
}

// Cairo's own way in, for tests: through whichever `__snprintf_chk` the process binds.
int thaireport_snprintf_int(char *buffer, size_t size, const char *format, int value) {
    return __snprintf_chk(buffer, size, 1, size, format, value);
}

int thaireport_snprintf_star_int(char *buffer, size_t size, const char *format, int star, int value) {
    return __snprintf_chk(buffer, size, 1, size, format, star, value);
}

int thaireport_snprintf_double(char *buffer, size_t size, const char *format, double value) {
    return __snprintf_chk(buffer, size, 1, size, format, value);
}

int thaireport_snprintf_star_double(char *buffer, size_t size, const char *format, int star, double value) {
    return __snprintf_chk(buffer, size, 1, size, format, star, value);
}

#if !defined(THAIREPORT_UNDER_SANITIZER)

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int length = -1;
    if (maxlen <= slen) {
        va_list copy;
        va_copy(copy, arguments);
        length = thaireport_fast_vformat(s, maxlen, format, copy);
        va_end(copy);
    }
    if (length < 0) length = __vsnprintf_chk(s, maxlen, flag, slen, format, arguments);
    va_end(arguments);
    return length;
}

int thaireport_fast_printf_is_bound(void) {
    return dlsym(RTLD_DEFAULT, "__snprintf_chk") == (void *)&__snprintf_chk;
}

#else

int thaireport_fast_printf_is_bound(void) { return 0; }

#endif

#else

#include <stdio.h>

int thaireport_fast_vformat(char *buffer, size_t size, const char *format, va_list arguments) {
    (void)buffer;
    (void)size;
    (void)format;
    (void)arguments;
    return -1;
}

int thaireport_fast_printf_is_bound(void) { return 0; }

int thaireport_snprintf_int(char *buffer, size_t size, const char *format, int value) {
    return snprintf(buffer, size, format, value);
}

int thaireport_snprintf_star_int(char *buffer, size_t size, const char *format, int star, int value) {
    return snprintf(buffer, size, format, star, value);
}

int thaireport_snprintf_double(char *buffer, size_t size, const char *format, double value) {
    return snprintf(buffer, size, format, value);
}

int thaireport_snprintf_star_double(char *buffer, size_t size, const char *format, int star, double value) {
    return snprintf(buffer, size, format, star, value);
}

#endif
