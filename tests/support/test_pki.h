#pragma once

// A throwaway certificate authority for TLS tests, made with the openssl
// command line in a temporary folder: a CA, a server certificate for
// 127.0.0.1, and client certificates signed by the same CA.

#include <QString>
#include <QTemporaryDir>

namespace testsupport {

class TestPki
{
public:
    TestPki();
    bool ok() const { return m_ok; }
    const QString &error() const { return m_error; }

    QString caFile() const { return path(QStringLiteral("ca.pem")); }
    QString serverCertFile() const { return path(QStringLiteral("server.pem")); }
    QString serverKeyFile() const { return path(QStringLiteral("server.key")); }
    // A server certificate for a DNS name alone (no IP): files <name>.pem and <name>.key.
    bool makeServerFor(const QString &dnsName);
    // A client certificate with that common name; files <name>.pem and <name>.key.
    bool makeClient(const QString &commonName);
    QString clientCertFile(const QString &commonName) const { return path(commonName + QStringLiteral(".pem")); }
    QString clientKeyFile(const QString &commonName) const { return path(commonName + QStringLiteral(".key")); }
    QString path(const QString &file) const { return m_dir.filePath(file); }

private:
    bool openssl(const QStringList &args);
    bool sign(const QString &name, const QString &subject, const QString &extensions);

    QTemporaryDir m_dir;
    bool m_ok = false;
    QString m_error;
};

} // namespace testsupport
