package nl.mailwijs.delivery;

import java.time.Instant;

/**
 * One of the sender's DKIM keys as it may be shown: everything but the private key, with the DNS
 * record that publishes its public half.
 *
 * @param algorithm {@code rsa} or {@code ed25519} ({@link DkimAlgorithm#tag()})
 * @param active    whether messages from {@code domain} (and its subdomains) are signed with it
 */
public record StoredDkimKey(long id, String domain, String selector, String algorithm, int keyBits, boolean active, Instant createdAt,
                            String createdBy, DnsRecord dnsRecord) {

    /**
     * The TXT record to publish before activating the key.
     *
     * @param name     {@code selector._domainkey.domain}
     * @param value    {@code v=DKIM1; k=rsa; p=...}
     * @param zoneFile the same in zone-file syntax, split into strings of at most 255 characters
     */
    public record DnsRecord(String name, String type, String value, String zoneFile) {
    }
}
