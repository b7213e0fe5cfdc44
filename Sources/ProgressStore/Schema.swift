import GRDB

/// The schema's history. A migration that has landed on main is never edited: change the schema by
/// registering a new one after it, so every database in the wild can be brought forward step by step.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        return migrator
    }

    /// The migrations this version knows, in order.
    static var knownMigrations: [String] { migrator.migrations }

    // Plain SQL on purpose: migrations describe the database at one moment and must not follow later
    // changes to Swift types.
    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE learner (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL UNIQUE COLLATE NOCASE
                CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^A-Za-z0-9._@-]*'
                       AND substr(name, 1, 1) NOT IN ('.', '-')),
              displayName TEXT,
              email TEXT,
              groupName TEXT,
              createdAt DATETIME NOT NULL
            );

            -- Append-only: nothing updates or deletes an attempt (see the triggers below).
            CREATE TABLE attempt (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              learnerId INTEGER NOT NULL REFERENCES learner(id) ON DELETE RESTRICT,
              taskId TEXT NOT NULL CHECK (length(taskId) > 0),
              submittedAt DATETIME NOT NULL,
              source TEXT NOT NULL,
              sourceHash TEXT NOT NULL CHECK (length(sourceHash) = 64 AND sourceHash NOT GLOB '*[^0-9a-f]*'),
              passed BOOLEAN NOT NULL CHECK (passed IN (0, 1)),
              score INTEGER NOT NULL CHECK (score >= 0),
              maxScore INTEGER NOT NULL CHECK (maxScore >= score),
              origin TEXT NOT NULL CHECK (origin IN ('local', 'batch', 'import'))
            );
            -- Covers the per-learner, per-task aggregates of the class matrix and task states.
            CREATE INDEX attempt_learner_task ON attempt(learnerId, taskId, passed, score, maxScore, submittedAt);
            -- Batch grading and import are idempotent: one learner, task and text is one submission.
            CREATE UNIQUE INDEX attempt_submission ON attempt(learnerId, taskId, sourceHash)
              WHERE origin IN ('batch', 'import');
            CREATE TRIGGER attempt_no_update BEFORE UPDATE ON attempt
              BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
            CREATE TRIGGER attempt_no_delete BEFORE DELETE ON attempt
              BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;

            CREATE TABLE checkResult (
              attemptId INTEGER NOT NULL REFERENCES attempt(id) ON DELETE RESTRICT,
              position INTEGER NOT NULL CHECK (position >= 0),
              checkId TEXT NOT NULL CHECK (length(checkId) > 0),
              passed BOOLEAN NOT NULL CHECK (passed IN (0, 1)),
              severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
              message TEXT NOT NULL,
              PRIMARY KEY (attemptId, position)
            ) WITHOUT ROWID;

            CREATE TABLE hintUse (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              learnerId INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
              taskId TEXT NOT NULL CHECK (length(taskId) > 0),
              level INTEGER NOT NULL CHECK (level >= 1),
              at DATETIME NOT NULL,
              UNIQUE (learnerId, taskId, level)
            );

            CREATE TABLE repository (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL CHECK (length(name) BETWEEN 2 AND 256),
              account TEXT NOT NULL CHECK (length(account) = 12 AND account NOT GLOB '*[^0-9]*'),
              region TEXT NOT NULL CHECK (length(region) > 0),
              policyText TEXT,
              updatedAt DATETIME NOT NULL,
              UNIQUE (name, account, region)
            );

            CREATE TABLE policyEvent (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              repositoryId INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
              at DATETIME NOT NULL,
              action TEXT NOT NULL CHECK (action IN ('set', 'delete')),
              policyText TEXT,
              CHECK ((action = 'set') = (policyText IS NOT NULL))
            );
            CREATE INDEX policyEvent_repository ON policyEvent(repositoryId);

            -- Two tables rather than one with a nullable learnerId: SQLite's UNIQUE treats NULLs as
            -- distinct, so a single table could not keep one value per global key.
            CREATE TABLE setting (
              key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
              value TEXT NOT NULL
            );
            CREATE TABLE learnerSetting (
              learnerId INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
              key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
              value TEXT NOT NULL,
              PRIMARY KEY (learnerId, key)
            ) WITHOUT ROWID;
            """)
    }
}
