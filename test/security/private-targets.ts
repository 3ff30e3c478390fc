/**
 * Webhook URLs that must be refused, with the reason: every private, local or oddly spelled
 * form the hardening issue names, and a few more. Shared by the rule's table test and the
 * security suite, which tries each at save time and at delivery.
 */
import type { WebhookTargetRefusal } from '../../worker/src/rules/webhook-target.ts';

/** Every private, local or odd form the issue names, and a few more; each must be refused. */
export const REFUSED_WEBHOOK_URLS: readonly (readonly [string, WebhookTargetRefusal])[] = [
  // loopback, in every IPv4 spelling a URL parser accepts
  ['https://127.0.0.1/hook', 'private_address'],
  ['https://127.0.0.1:8443/hook', 'private_address'],
  ['https://127.255.255.254/', 'private_address'],
  ['https://2130706433/', 'private_address'],
  ['https://0177.0.0.1/', 'private_address'],
  ['https://0x7f.1/', 'private_address'],
  ['https://0x7f000001/', 'private_address'],
  ['https://127.1/', 'private_address'],
  ['https://127.0.1/', 'private_address'],
  ['https://017700000001/', 'private_address'],
  ['https://127.0.0.1./', 'private_address'],
  ['https://[::1]/', 'private_address'],
  ['https://[0:0:0:0:0:0:0:1]/', 'private_address'],
  ['https://[::]/', 'private_address'],
  // RFC 1918
  ['https://10.0.0.1/', 'private_address'],
  ['https://10.255.255.255/', 'private_address'],
  ['https://167772161/', 'private_address'],
  ['https://012.0.0.1/', 'private_address'],
  ['https://172.16.0.1/', 'private_address'],
  ['https://172.31.255.255/', 'private_address'],
  ['https://192.168.0.1/', 'private_address'],
  ['https://192.168.1.1:8080/x', 'private_address'],
  ['https://0xc0.0xa8.1.1/', 'private_address'],
  // CGNAT 100.64/10
  ['https://100.64.0.1/', 'private_address'],
  ['https://100.127.255.254/', 'private_address'],
  // link-local and metadata
  ['https://169.254.0.1/', 'private_address'],
  ['https://169.254.169.254/latest/meta-data/', 'private_address'],
  ['https://2852039166/', 'private_address'],
  ['https://[fe80::1]/', 'private_address'],
  ['https://[fe80::1%25eth0]/', 'invalid_url'],
  ['https://[febf::1]/', 'private_address'],
  ['https://[fd00:ec2::254]/', 'private_address'],
  ['https://metadata.google.internal/computeMetadata/v1/', 'local_name'],
  ['https://metadata/', 'local_name'],
  // unique local fc00::/7, site-local
  ['https://[fc00::1]/', 'private_address'],
  ['https://[fdff:ffff::1]/', 'private_address'],
  ['https://[fec0::1]/', 'private_address'],
  // multicast, broadcast, reserved, "this network"
  ['https://224.0.0.1/', 'private_address'],
  ['https://239.255.255.250/', 'private_address'],
  ['https://255.255.255.255/', 'private_address'],
  ['https://240.0.0.1/', 'private_address'],
  ['https://[ff02::1]/', 'private_address'],
  ['https://[ff05::2]/', 'private_address'],
  ['https://0.0.0.0/', 'private_address'],
  ['https://0/', 'private_address'],
  ['https://0.1.2.3/', 'private_address'],
  // documentation and benchmarking ranges
  ['https://192.0.2.1/', 'private_address'],
  ['https://198.51.100.7/', 'private_address'],
  ['https://203.0.113.9/', 'private_address'],
  ['https://198.18.0.1/', 'private_address'],
  ['https://[2001:db8::1]/', 'private_address'],
  // IPv4-mapped, translated, compatible, NAT64 and 6to4 forms of private addresses
  ['https://[::ffff:10.0.0.1]/', 'private_address'],
  ['https://[::ffff:a00:1]/', 'private_address'],
  ['https://[::ffff:127.0.0.1]/', 'private_address'],
  ['https://[::ffff:7f00:1]/', 'private_address'],
  ['https://[::ffff:169.254.169.254]/', 'private_address'],
  ['https://[::ffff:192.168.1.1]/', 'private_address'],
  ['https://[::ffff:100.64.0.1]/', 'private_address'],
  ['https://[0:0:0:0:0:ffff:10.0.0.1]/', 'private_address'],
  ['https://[::ffff:0:10.0.0.1]/', 'private_address'],
  ['https://[::10.0.0.1]/', 'private_address'],
  ['https://[::a00:1]/', 'private_address'],
  ['https://[::127.0.0.1]/', 'private_address'],
  ['https://[::8.8.8.8]/', 'private_address'],
  ['https://[64:ff9b::10.0.0.1]/', 'private_address'],
  ['https://[64:ff9b::a9fe:a9fe]/', 'private_address'],
  ['https://[64:ff9b:1::1]/', 'private_address'],
  ['https://[2002:a00:1::1]/', 'private_address'],
  ['https://[2002:7f00:1::]/', 'private_address'],
  ['https://[2001::1]/', 'private_address'],
  // names that are obviously local
  ['https://localhost/', 'local_name'],
  ['https://LOCALHOST:3000/', 'local_name'],
  ['https://localhost./', 'local_name'],
  ['https://api.localhost/', 'local_name'],
  ['https://hooks.internal/', 'local_name'],
  ['https://printer.local/', 'local_name'],
  ['https://router.home.arpa/', 'local_name'],
  ['https://nas.lan/', 'local_name'],
  ['https://intranet/', 'local_name'],
  ['https://kubernetes.default.svc.cluster.local/', 'local_name'],
  ['https://%6c%6fcalhost/', 'local_name'],
  // not https, or not a URL at all
  ['http://hooks.shop.example/', 'https_required'],
  ['http://localhost:8787/hooks', 'https_required'],
  ['http://127.0.0.1:9/hooks', 'https_required'],
  ['ftp://hooks.shop.example/', 'invalid_url'],
  ['file:///etc/passwd', 'invalid_url'],
  ['gopher://127.0.0.1:6379/_', 'invalid_url'],
  ['not a url', 'invalid_url'],
];

