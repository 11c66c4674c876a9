#include "local_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace testsupport {

namespace {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace

bool Connection::write(const std::string &bytes)
{
    size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += size_t(n);
    }
    return true;
}

bool Connection::respond(int status, const std::string &contentType, const std::string &body,
                         const std::string &extraHeaders)
{
    std::ostringstream head;
    head << "HTTP/1.1 " << status << ' ' << reasonPhrase(status) << "\r\n";
    if (!contentType.empty())
        head << "Content-Type: " << contentType << "\r\n";
    head << "Content-Length: " << body.size() << "\r\nConnection: close\r\n" << extraHeaders << "\r\n";
    return write(head.str()) && write(body);
}

bool Connection::sleepMs(int ms)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        if (m_stopping)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

LocalHttpServer::LocalHttpServer(const std::string &bindAddress)
    : m_address(bindAddress)
{
    m_listenFd = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    ::inet_pton(AF_INET, bindAddress.c_str(), &addr.sin_addr);
    addr.sin_port = 0;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(m_listenFd, 64) != 0)
        throw std::runtime_error("LocalHttpServer: cannot listen on " + bindAddress);
    socklen_t len = sizeof addr;
    ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_acceptThread = std::thread([this] { acceptLoop(); });
}

LocalHttpServer::~LocalHttpServer()
{
    m_stopping = true;
    ::shutdown(m_listenFd, SHUT_RDWR);
    ::close(m_listenFd);
    m_acceptThread.join();
    std::vector<std::thread> workers;
    {
        std::lock_guard lock(m_mutex);
        workers.swap(m_workers);
    }
    for (auto &w : workers)
        w.join();
}

void LocalHttpServer::route(const std::string &path, Handler handler)
{
    std::lock_guard lock(m_mutex);
    m_routes[path] = std::move(handler);
}

std::string LocalHttpServer::url(const std::string &path) const
{
    return "http://" + m_address + ":" + std::to_string(m_port) + path;
}

std::vector<RecordedRequest> LocalHttpServer::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

int LocalHttpServer::unusedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

void LocalHttpServer::acceptLoop()
{
    while (!m_stopping) {
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const int fd = ::accept(m_listenFd, nullptr, nullptr);
        if (fd < 0)
            continue;
        std::lock_guard lock(m_mutex);
        m_workers.emplace_back([this, fd] { serve(fd); });
    }
}

namespace {

// Appends what the peer sends to into until enough(into), the peer closes, or the server stops.
template<typename Enough>
void receiveUntil(int fd, std::string &into, const std::atomic<bool> &stopping, Enough &&enough)
{
    char buf[4096];
    while (!enough(into) && !stopping) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        into.append(buf, size_t(n));
    }
}

} // namespace

void LocalHttpServer::serve(int fd)
{
    std::string head;
    receiveUntil(fd, head, m_stopping, [](const std::string &h) { return h.find("\r\n\r\n") != std::string::npos || h.size() >= 65536; });
    RecordedRequest request;
    std::istringstream lines(head);
    std::string line;
    std::getline(lines, line);
    std::istringstream first(line);
    first >> request.method >> request.target;
    while (std::getline(lines, line) && line != "\r") {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), ::tolower);
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        if (!value.empty() && value.back() == '\r')
            value.pop_back();
        request.headers[name] = value;
    }
    if (const auto length = request.headers.find("content-length"); length != request.headers.end()) {
        const std::size_t wanted = std::min<std::size_t>(std::stoul(length->second), 16 * 1024 * 1024);
        const auto headEnd = head.find("\r\n\r\n");
        if (headEnd != std::string::npos)
            request.body = head.substr(headEnd + 4);
        receiveUntil(fd, request.body, m_stopping, [wanted](const std::string &b) { return b.size() >= wanted; });
    }
    Handler handler;
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(request);
        const std::string path = request.target.substr(0, request.target.find('?'));
        auto it = m_routes.find(path);
        if (it != m_routes.end())
            handler = it->second;
    }
    Connection connection(fd, m_stopping);
    if (handler)
        handler(connection, request);
    else
        connection.respond(404, "text/plain", "no such route\n");
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
}

} // namespace testsupport
