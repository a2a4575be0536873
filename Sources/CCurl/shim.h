#pragma once
// Types and constants only: libcurl is not linked. `CurlLibrary` loads it with dlopen the first
// time a notifier sends, so commands that never send do not pay for its relocations at start-up.
#include <curl/curl.h>

// The signatures of the functions looked up in libcurl, as curl.h declares them.
typedef CURLcode (*bw_curl_global_init_function)(long flags);
typedef CURL *(*bw_curl_easy_init_function)(void);
typedef CURLcode (*bw_curl_easy_perform_function)(CURL *handle);
typedef void (*bw_curl_easy_cleanup_function)(CURL *handle);
typedef const char *(*bw_curl_easy_strerror_function)(CURLcode code);
typedef struct curl_slist *(*bw_curl_slist_append_function)(struct curl_slist *list, const char *string);
typedef void (*bw_curl_slist_free_all_function)(struct curl_slist *list);
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: their addresses
// stay untyped and one typed wrapper per argument kind calls them.
typedef CURLcode (*bw_curl_setopt_function)(CURL *handle, CURLoption option, ...);
typedef CURLcode (*bw_curl_getinfo_function)(CURL *handle, CURLINFO info, ...);

static inline CURLcode bw_curl_setopt_long(void *setopt, CURL *handle, CURLoption option, long value) {
    return ((bw_curl_setopt_function)setopt)(handle, option, value);
}
static inline CURLcode bw_curl_setopt_string(void *setopt, CURL *handle, CURLoption option, const char *value) {
    return ((bw_curl_setopt_function)setopt)(handle, option, value);
}
static inline CURLcode bw_curl_setopt_pointer(void *setopt, CURL *handle, CURLoption option, void *value) {
    return ((bw_curl_setopt_function)setopt)(handle, option, value);
}
static inline CURLcode bw_curl_setopt_slist(void *setopt, CURL *handle, CURLoption option, struct curl_slist *value) {
    return ((bw_curl_setopt_function)setopt)(handle, option, value);
}
typedef size_t (*bw_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);
static inline CURLcode bw_curl_setopt_callback(void *setopt, CURL *handle, CURLoption option, bw_curl_data_callback value) {
    return ((bw_curl_setopt_function)setopt)(handle, option, value);
}
static inline CURLcode bw_curl_getinfo_long(void *getinfo, CURL *handle, CURLINFO info, long *value) {
    return ((bw_curl_getinfo_function)getinfo)(handle, info, value);
}
typedef int (*bw_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);
static inline CURLcode bw_curl_setopt_debug_callback(void *setopt, CURL *handle, bw_curl_debug_callback value) {
    return ((bw_curl_setopt_function)setopt)(handle, CURLOPT_DEBUGFUNCTION, value);
}
typedef int (*bw_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t download_now, curl_off_t upload_total, curl_off_t upload_now);
static inline CURLcode bw_curl_setopt_progress_callback(void *setopt, CURL *handle, bw_curl_progress_callback value) {
    return ((bw_curl_setopt_function)setopt)(handle, CURLOPT_XFERINFOFUNCTION, value);
}
// CURL_GLOBAL_DEFAULT is a macro expression that Swift does not import.
static inline long bw_curl_global_default_flags(void) {
    return CURL_GLOBAL_DEFAULT;
}
