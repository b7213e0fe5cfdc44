import Foundation
import GRDB

/// Dates in GRDB's storage format ("yyyy-MM-dd HH:mm:ss.SSS", UTC), written without DateFormatter:
/// formatting through ICU was a noticeable share of recording ten thousand attempts.
enum DatabaseTimestamp {
    static func text(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        var seconds = time_t((milliseconds / 1000).rounded(.down))
        let millis = Int(milliseconds - Double(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int, at offset: Int, digits: Int) {
            var value = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(Int(parts.tm_year) + 1900, at: 0, digits: 4)
        bytes[4] = UInt8(ascii: "-")
        put(Int(parts.tm_mon) + 1, at: 5, digits: 2)
        bytes[7] = UInt8(ascii: "-")
        put(Int(parts.tm_mday), at: 8, digits: 2)
        bytes[10] = UInt8(ascii: " ")
        put(Int(parts.tm_hour), at: 11, digits: 2)
        bytes[13] = UInt8(ascii: ":")
        put(Int(parts.tm_min), at: 14, digits: 2)
        bytes[16] = UInt8(ascii: ":")
        put(Int(parts.tm_sec), at: 17, digits: 2)
        bytes[19] = UInt8(ascii: ".")
        put(millis, at: 20, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension DatabaseTimestamp {
    /// The stored text of `date` and the date a later fetch will read back from it (to the
    /// millisecond), so that a value returned on insert equals the same row fetched again.
    static func stored(_ date: Date) -> (text: String, date: Date) {
        let text = self.text(date)
        return (text, Date.fromDatabaseValue(text.databaseValue) ?? date)
    }
}
