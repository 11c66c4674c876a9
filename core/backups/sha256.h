#pragma once

// SHA-256 for the backup catalogue's manifests: every file of a backup is
// hashed as it is written and again when it is verified. OpenSSL's EVP digest
// uses the CPU's SHA instructions where there are some (about 1.5 GB/s on one
// core here; Qt's QCryptographicHash is several times slower).

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

namespace opsdeck {

class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(const void *data, size_t size);
    void add(const QByteArray &data) { add(data.constData(), size_t(data.size())); }
    // The digest of everything added, as 64 lower-case hex digits; the hasher is then spent.
    QString finishHex();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

struct FileDigest {
    QString sha256;  // 64 lower-case hex digits; empty on error
    qint64 bytes = 0;
    QString error;   // "path: why", for people
    bool ok() const { return error.isEmpty(); }
};

// Reads the whole file and hashes it. progress (bytes read so far) is called
// about every 16 MiB; returning false stops, with the error "cancelled".
FileDigest sha256OfFile(const QString &path, const std::function<bool(qint64)> &progress = {});

} // namespace opsdeck
