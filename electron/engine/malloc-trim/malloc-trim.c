/*
 * packetloom-malloc-trim: glibc's malloc_trim(0), for a session worker that has just finished
 * indexing a file.
 *
 * V8 allocates ArrayBuffers with malloc. An index pass grows its columns and tables (a new, larger
 * array, the old one freed) and cuts them to size at the end; the freed arrays leave holes in
 * malloc's heap that glibc keeps resident (free() gives back only the top of a heap). On the 1M
 * bench file that is some 50 MB of free memory held by an idle session. malloc_trim(0) gives the
 * whole pages of every free chunk, in every arena, back to the system (madvise DONTNEED).
 *
 *   trim() -> true when memory was released, false when there was none (or this is not glibc)
 *
 * Plain Node-API (no nan, no node-addon-api): builds with any Node >= 16 and Electron.
 */
#include <node_api.h>
#include <stdbool.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static napi_value trim(napi_env env, napi_callback_info info) {
  (void)info;
  bool released = false;
#if defined(__GLIBC__)
  released = malloc_trim(0) != 0;
#endif
  napi_value out;
  napi_get_boolean(env, released, &out);
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "trim", NAPI_AUTO_LENGTH, trim, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "trim", fn) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
