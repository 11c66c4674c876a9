#pragma once

// What an endpoint with a `ca_file` trusts: the system's CAs *and* the file's,
// as the configuration promises. libcurl's CA option replaces its default
// bundle, so the two are joined into one PEM blob (CURLOPT_CAINFO_BLOB),
// built once per file and rebuilt when the file changes.

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

namespace opsdeck {

class CaBundleCache
{
public:
    // systemBundle: the PEM file libcurl trusts by default ("" to read libcurl's own).
    explicit CaBundleCache(QString systemBundlePath = {});

    // The system's CAs followed by caFile's; empty with *error set if caFile cannot
    // be read or holds no certificate.
    QByteArray bundleWith(const QString &caFile, QString *error);

    // Where libcurl, as built, looks for the system's CAs (empty if it has no file).
    static QString defaultCurlCaFile();

private:
    struct Entry {
        QDateTime modified;
        QByteArray bundle;
    };
    QString m_systemPath;
    QByteArray m_system;
    bool m_systemRead = false;
    QHash<QString, Entry> m_entries;
};

} // namespace opsdeck
