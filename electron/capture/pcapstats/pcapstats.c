/*
 * packetloom-pcapstats: libpcap's drop counts on Linux, which `cap` 0.2.1 does not expose.
 *
 * libpcap's pcap_stats() on Linux is getsockopt(fd, SOL_PACKET, PACKET_STATISTICS) on the
 * capture's packet socket: packets the socket saw (dropped ones included) and packets dropped
 * because the ring was full. The kernel resets both on every read, so the caller (the capture
 * helper) adds them up; `cap` never reads them, so nothing else resets them.
 *
 *   stats(fd) -> [packets, drops]   or throws with the errno text
 *
 * Plain Node-API (no nan, no node-addon-api): builds with any Node >= 16 and Electron.
 */
#include <errno.h>
#include <string.h>
#include <node_api.h>
#ifdef __linux__
#include <linux/if_packet.h>
#include <sys/socket.h>
#endif

static napi_value stats(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) {
    napi_throw_type_error(env, NULL, "stats(fd): fd is required");
    return NULL;
  }
  int32_t fd = -1;
  if (napi_get_value_int32(env, argv[0], &fd) != napi_ok || fd < 0) {
    napi_throw_type_error(env, NULL, "stats(fd): fd must be a non-negative integer");
    return NULL;
  }
#ifdef __linux__
  struct tpacket_stats st;
  socklen_t len = sizeof st;
  memset(&st, 0, sizeof st);
  if (getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) != 0) {
    napi_throw_error(env, NULL, strerror(errno));
    return NULL;
  }
  napi_value out, a, b;
  napi_create_array_with_length(env, 2, &out);
  napi_create_uint32(env, st.tp_packets, &a);
  napi_create_uint32(env, st.tp_drops, &b);
  napi_set_element(env, out, 0, a);
  napi_set_element(env, out, 1, b);
  return out;
#else
  napi_throw_error(env, NULL, "packet statistics are read this way on Linux only");
  return NULL;
#endif
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "stats", NAPI_AUTO_LENGTH, stats, NULL, &fn);
  napi_set_named_property(env, exports, "stats", fn);
  return exports;
}
