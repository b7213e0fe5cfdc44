import Foundation
import ProgressStore

/// A class roster in CSV: a header row naming the columns (in any order), then one learner per row.
/// Only `name` is required; `display name`, `email` and `group` are optional columns, and empty cells
/// leave what the database already holds.
public enum RosterFile {
    public enum Column: String, Sendable, CaseIterable {
        case name, displayName, email, group
    }

    /// Header spellings people use, compared without case, spaces, `_` or `-`.
    static let headerNames: [String: Column] = [
        "name": .name, "learner": .name, "login": .name, "username": .name, "user": .name, "id": .name,
        "displayname": .displayName, "fullname": .displayName, "student": .displayName,
        "email": .email, "mail": .email, "emailaddress": .email,
        "group": .group, "section": .group, "class": .group, "cohort": .group,
    ]

    public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "roster line \(line): \(reason)" }
    }

    /// The rows of the roster, each with its line number. Learner names are checked by the store.
    public static func rows(_ text: String) throws(FormatError) -> [RosterRow] {
        let records: [CSVText.Record]
        do {
            records = try CSVText.records(text)
        } catch {
            throw FormatError(line: error.line, reason: error.reason)
        }
        guard let header = records.first else {
            throw FormatError(line: 1, reason: "the file is empty; start it with a header row such as `name,display name,email,group`")
        }
        var columns: [Column: Int] = [:]
        for (index, title) in header.fields.enumerated() {
            let key = String(title.lowercased().filter { !" _-".contains($0) })
            guard let column = headerNames[key] else {
                throw FormatError(line: header.line, reason: "unknown column `\(title)`; use name, display name, email and group")
            }
            if columns[column] != nil {
                throw FormatError(line: header.line, reason: "column `\(title)` is given twice")
            }
            columns[column] = index
        }
        guard let nameIndex = columns[.name] else {
            throw FormatError(line: header.line, reason: "the header has no `name` column; the first row must name the columns, e.g. `name,display name,email,group`")
        }
        return try records.dropFirst().map { record throws(FormatError) in
            guard record.fields.count == header.fields.count else {
                throw FormatError(line: record.line, reason: "\(record.fields.count) fields where the header has \(header.fields.count); quote fields that contain a comma")
            }
            func value(_ column: Column) -> String? {
                guard let index = columns[column] else { return nil }
                let text = record.fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            guard let name = value(.name) else {
                throw FormatError(line: record.line, reason: "the name is empty; every row needs the learner's name")
            }
            return RosterRow(name: name, displayName: value(.displayName), email: value(.email), group: value(.group),
                             line: record.line)
        }
    }
}
