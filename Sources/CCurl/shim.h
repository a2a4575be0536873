#pragma once
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// wrapper per argument kind.
static inline CURLcode bw_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode bw_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode bw_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode bw_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*bw_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);
static inline CURLcode bw_curl_setopt_callback(CURL *handle, CURLoption option, bw_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode bw_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
typedef int (*bw_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);
static inline CURLcode bw_curl_setopt_debug_callback(CURL *handle, bw_curl_debug_callback value) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, value);
}
typedef int (*bw_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t download_now, curl_off_t upload_total, curl_off_t upload_now);
static inline CURLcode bw_curl_setopt_progress_callback(CURL *handle, bw_curl_progress_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}
// CURL_GLOBAL_DEFAULT is a macro expression that Swift does not import.
static inline CURLcode bw_curl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}
