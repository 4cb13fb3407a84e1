# syntax=docker/dockerfile:1
# command-api: built from the Maven build, run from Spring Boot's layers (dependencies change less often than Parley's
# classes, so a rebuild ships only the last layer). Build context: the repository root (deploy/compose.yaml does so).
#   docker build -f deploy/images/command-api.Dockerfile -t parley/command-api .

FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl command-api -am package \
 && find command-api/target -maxdepth 1 -name 'command-api-*.jar' ! -name '*-tests.jar' -exec cp {} /app.jar \; \
 && java -Djarmode=tools -jar /app.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:21-jre-noble
# curl for the health checks of compose; a user of its own, never root
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app parley \
 && mkdir -p /var/lib/parley/attachments && chown 10001 /var/lib/parley/attachments
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001
# Liveness and readiness groups on every service (Kubernetes probes, compose health checks); no calls home.
ENV MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true \
    AXONIQ_UPDATE_CHECKER_DISABLED=true \
    PARLEY_ATTACHMENTS_DIR=/var/lib/parley/attachments \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8081
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
