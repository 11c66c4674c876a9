#pragma once

#include "config/config.h"

#include <QString>

namespace opsdeck {

struct SecretLookup {
    QString value;
    QString error;  // empty when found
    bool ok() const { return error.isEmpty(); }
};

// Where pgpass entries are matched: libpq's fields.
struct PgpassTarget {
    QString host;
    int port = 5432;
    QString dbname;
    QString user;
};

// Resolves a secret reference. Environment and pgpass lookups are immediate;
// a keychain lookup talks to the OS keyring and may block: never call this on
// the GUI thread. The value is never logged.
// Stores a secret in the OS keychain under service "opsdeck" and that key. Blocks
// like a lookup: never on the GUI thread. Empty on success, else why not.
QString storeKeychainSecret(const QString &key, const QString &value);

SecretLookup resolveSecret(const SecretRef &ref, const PgpassTarget &pgpass = {});

// Looks up a password in a pgpass file ($PGPASSFILE or ~/.pgpass), following
// libpq's rules: fields host:port:database:username:password, '*' matches
// anything, '\' escapes ':' and '\'.
SecretLookup lookupPgpass(const QString &file, const PgpassTarget &target);
QString defaultPgpassFile();
// One pgpass line's fields, escapes undone: host, port, database, user, password.
QStringList splitPgpassLine(const QString &line);

} // namespace opsdeck
