import Testing
@testable import PolicyCore

@Suite struct IPAddressRangeTests {
    @Test func ipv4CIDREdges() throws {
        let r = try #require(IPAddressRange("203.0.113.0/24"))
        #expect(r.contains("203.0.113.0"))
        #expect(r.contains("203.0.113.255"))
        #expect(!r.contains("203.0.114.0"))
        #expect(!r.contains("203.0.112.255"))
        #expect(r.prefixLength == 24)
    }

    @Test func bareAddressIsHostRoute() throws {
        let v4 = try #require(IPAddressRange("10.1.2.3"))
        #expect(v4.prefixLength == 32)
        #expect(v4.contains("10.1.2.3"))
        #expect(!v4.contains("10.1.2.4"))
        let v6 = try #require(IPAddressRange("2001:db8::1"))
        #expect(v6.prefixLength == 128)
        #expect(v6.contains("2001:0db8:0000:0000:0000:0000:0000:0001"))
        #expect(!v6.contains("2001:db8::2"))
    }

    @Test func zeroPrefixAndHostBits() throws {
        #expect(try #require(IPAddressRange("0.0.0.0/0")).contains("255.255.255.255"))
        #expect(try #require(IPAddressRange("::/0")).contains("ffff::1"))
        let withHostBits = try #require(IPAddressRange("10.0.0.7/8"))
        #expect(withHostBits.contains("10.200.0.1"))
        #expect(withHostBits.description == "10.0.0.0/8")
    }

    @Test func ipv6CIDREdges() throws {
        let r = try #require(IPAddressRange("2001:DB8:1234:5678::/64"))
        #expect(r.contains("2001:db8:1234:5678:ffff:ffff:ffff:ffff"))
        #expect(!r.contains("2001:db8:1234:5679::"))
        let odd = try #require(IPAddressRange("2001:db8::/33"))
        #expect(odd.contains("2001:db8:7fff::1"))
        #expect(!odd.contains("2001:db8:8000::1"))
        let low = try #require(IPAddressRange("::1:0:0:0/80"))
        #expect(low.contains("::1:0:ffff:1"))
    }

    @Test func familiesDoNotMix() throws {
        #expect(!(try #require(IPAddressRange("0.0.0.0/0"))).contains("2001:db8::1"))
        #expect(!(try #require(IPAddressRange("::/0"))).contains("10.0.0.1"))
        // An IPv4-mapped IPv6 request address is the IPv4 address.
        #expect(try #require(IPAddressRange("192.0.2.0/24")).contains("::ffff:192.0.2.10"))
    }

    @Test func rejectsMalformedRanges() {
        for text in ["10.0.0.0/33", "10.0.0/8", "256.0.0.1", "10.0.0.1/", "10.0.0.1/-1", "2001:db8::/129",
                     "1:2:3:4:5:6:7:8:9", "2001::db8::1", "gggg::", "", "10.0.0.1 /24", "abc", "1.2.3.4.5"] {
            #expect(IPAddressRange(text) == nil, "`\(text)`")
        }
    }

    @Test func unparseableRequestAddressIsNotContained() throws {
        let r = try #require(IPAddressRange("0.0.0.0/0"))
        #expect(!r.contains("not-an-ip"))
        #expect(!r.contains(""))
    }

    @Test func embeddedIPv4InIPv6() throws {
        let r = try #require(IPAddressRange("64:ff9b::/96"))
        #expect(r.contains("64:ff9b::192.0.2.33"))
    }
}
