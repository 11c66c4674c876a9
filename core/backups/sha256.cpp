#include "backups/sha256.h"

#include <QFile>

#include <openssl/evp.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace opsdeck {

namespace {

constexpr size_t chunkBytes = 1 << 20;
constexpr qint64 progressEvery = 16LL << 20;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

struct Sha256::Context {
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : m_context(std::make_unique<Context>())
{
    EVP_DigestInit_ex(m_context->md, EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;

void Sha256::add(const void *data, size_t size)
{
    EVP_DigestUpdate(m_context->md, data, size);
}

QString Sha256::finishHex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context->md, digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

FileDigest sha256OfFile(const QString &path, const std::function<bool(qint64)> &progress)
{
    FileDigest result;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        result.error = QStringLiteral("%1: %2").arg(path, systemError(errno));
        return result;
    }
    // The whole file is read once, front to back: tell the kernel so it reads ahead.
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    Sha256 hasher;
    std::vector<char> buffer(chunkBytes);
    qint64 nextReport = progressEvery;
    while (true) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            result.error = QStringLiteral("%1: %2").arg(path, systemError(errno));
            break;
        }
        if (n == 0) {
            result.sha256 = hasher.finishHex();
            break;
        }
        hasher.add(buffer.data(), size_t(n));
        result.bytes += n;
        if (progress && result.bytes >= nextReport) {
            nextReport += progressEvery;
            if (!progress(result.bytes)) {
                result.error = QStringLiteral("%1: cancelled").arg(path);
                break;
            }
        }
    }
    ::close(fd);
    return result;
}

} // namespace opsdeck
