import Testing
@testable import Workshop
