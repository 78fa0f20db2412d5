// Go › Next Packet in Conversation: the filter of the selected row's conversation.
import { describe, expect, it } from 'vitest';
import { conversationFilter } from '../../../../renderer/features/find/conversation.js';

describe('the conversation of a row', () => {
  it('is its TCP or UDP stream, else its pair of IP addresses, else none', () => {
    expect(conversationFilter({ source: '10.0.0.1', destination: '10.0.0.2', tcpStream: 0 })).toBe('tcp.stream == 0');
    expect(conversationFilter({ source: '10.0.0.1', destination: '10.0.0.2', udpStream: 7 })).toBe('udp.stream == 7');
    expect(conversationFilter({ source: '10.0.0.1', destination: '10.0.0.2' })).toBe('ip.addr == 10.0.0.1 && ip.addr == 10.0.0.2');
    expect(conversationFilter({ source: 'fe80::1', destination: 'ff02::1:ff00:1' })).toBe('ipv6.addr == fe80::1 && ipv6.addr == ff02::1:ff00:1');
    expect(conversationFilter({ source: '02:00:00:99:00:01', destination: 'Broadcast' })).toBeNull();
    expect(conversationFilter({ source: '02:00:00:99:00:01', destination: '02:00:00:99:00:02' })).toBeNull();
    expect(conversationFilter({ source: '10.0.0.1', destination: 'fe80::1' })).toBeNull();
    expect(conversationFilter({ source: '300.0.0.1', destination: '10.0.0.1' })).toBeNull();
  });
});
