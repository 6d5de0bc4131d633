import { NotFoundContent } from "@/components/layout/NotFoundContent";

// notFound() from a page of this audience: rendered inside the audience's layout, which has the header and <main>.
export default function NotFound() {
  return <NotFoundContent />;
}
