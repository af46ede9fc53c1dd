// libcurl from Debian (apt libcurl4-openssl-dev): mail over SMTP and robot posts over HTTPS (SPEC §4.5).
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: typed wrappers.
#include <curl/curl.h>

static inline CURLcode scorecard_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode scorecard_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode scorecard_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode scorecard_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*scorecard_curl_io)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode scorecard_curl_set_function(CURL *handle, CURLoption option, scorecard_curl_io function) {
    return curl_easy_setopt(handle, option, function);
}

static inline long scorecard_curl_response_code(CURL *handle) {
    long code = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code);
    return code;
}
