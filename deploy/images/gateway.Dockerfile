# syntax=docker/dockerfile:1
# The gateway with the web app built in: nginx with deploy/gateway/nginx.conf (Kubernetes mounts it as the ConfigMap
# parley-gateway) serving web/app's production build at /usr/share/parley/web. deploy/kubernetes runs this image;
# compose runs plain nginx with web/app/dist mounted instead. Build context: the repository root.
#   docker build -f deploy/images/gateway.Dockerfile -t parley/gateway .

FROM node:20-bookworm-slim AS build
WORKDIR /src/web
COPY web/ ./
RUN npm ci && npm run build

FROM nginx:1.28
COPY deploy/gateway/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /src/web/app/dist/ /usr/share/parley/web/
EXPOSE 8080
