#pragma once

#include "health/health_status.h"
#include "net/http_types.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace opsdeck {

struct HealthComponent {
    QString name;
    HealthStatus status = HealthStatus::Unknown;
    QString detail;  // the raw word the service used, plus any message

    friend bool operator==(const HealthComponent &, const HealthComponent &) = default;
};

// What one answer of a health endpoint means.
struct HealthVerdict {
    enum class Shape { None, OpsDeckJson, SpringActuator, HealthJson, PlainText, HttpStatusOnly };
    HealthStatus status = HealthStatus::Unknown;
    QString reason;   // one line, for the table
    QString version;  // when the service tells
    Shape shape = Shape::None;
    QList<HealthComponent> components;
};

// Reads one answer of a health endpoint in whatever shape it comes:
// - the common JSON: {"status":"healthy","database":"ok","version":"1.4.2"};
// - Spring Boot Actuator: {"status":"UP","components":{"db":{"status":"UP"}}};
// - the IETF application/health+json draft: {"status":"pass","checks":{...}};
// - plain text ("ok"), an HTML error page, garbage, or an empty body: the HTTP
//   status decides, and the reason says what came back.
// The worse of the body's word and the HTTP status wins: a 503 is never healthy.
HealthVerdict interpretHealth(int httpStatus, QByteArrayView contentType, QByteArrayView body);

// The verdict for a transport failure (refused, timeout, too large...).
HealthVerdict interpretHealthFailure(const HttpResponse &response);

// Either of the above.
HealthVerdict interpretHealthResponse(const HttpResponse &response);

// Maps one status word used by health endpoints (healthy, UP, pass, ok, warn...).
// Returns false for a word it does not know.
bool healthStatusFromWord(QStringView word, HealthStatus *status);

QString healthShapeName(HealthVerdict::Shape shape);

} // namespace opsdeck
