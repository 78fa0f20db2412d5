/*
 * udp-flood: sends COUNT small UDP datagrams (16-byte payload carrying a sequence number) to
 * 127.0.0.1:PORT as fast as the kernel takes them, with sendmmsg in batches of 256, then prints
 * {"sent":N,"ms":T} on stdout. A socket bound to the port (never read) receives them, so no ICMP
 * "port unreachable" is generated. Used by the live-capture load test and `npm run bench`
 * (Node's dgram tops out far below 100k packets/s on small machines).
 *
 *   cc -O2 -o udp-flood bench/udp-flood.c && ./udp-flood 45678 300000
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: udp-flood PORT COUNT\n");
    return 2;
  }
  int port = atoi(argv[1]);
  long count = atol(argv[2]);
  if (port <= 0 || port > 65535 || count <= 0) {
    fprintf(stderr, "udp-flood: bad PORT or COUNT\n");
    return 2;
  }
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(0x7f000001);
  int r = socket(AF_INET, SOCK_DGRAM, 0);
  if (r < 0 || bind(r, (struct sockaddr *)&a, sizeof a) != 0) {
    perror("udp-flood: bind");
    return 1;
  }
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
    perror("udp-flood: connect");
    return 1;
  }
  enum { B = 256 };
  static struct mmsghdr m[B];
  static struct iovec io[B];
  static unsigned char buf[B][16];
  for (int i = 0; i < B; i++) {
    io[i].iov_base = buf[i];
    io[i].iov_len = sizeof buf[i];
    m[i].msg_hdr.msg_iov = &io[i];
    m[i].msg_hdr.msg_iovlen = 1;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long sent = 0;
  int failures = 0;
  while (sent < count && failures < 1000) {
    int n = count - sent < B ? (int)(count - sent) : B;
    for (int i = 0; i < n; i++) {
      unsigned long seq = (unsigned long)(sent + i);
      memcpy(buf[i], &seq, sizeof seq);
    }
    int k = sendmmsg(s, m, (unsigned)n, 0);
    if (k <= 0) {
      failures++;
      continue;
    }
    sent += k;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
  printf("{\"sent\":%ld,\"ms\":%.1f}\n", sent, ms);
  return sent == count ? 0 : 1;
}
