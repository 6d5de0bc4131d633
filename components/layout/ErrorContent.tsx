/** What an unexpected error says (never the error itself: its digest is the reference for the service desk). */
export function ErrorContent({ digest }: { digest?: string }) {
  return (
    <>
      <h1>Sorry, there is a problem with the service</h1>
      <p className="mb-4">Try again later. Nothing you were doing has been lost if you saw a confirmation.</p>
      {digest ? <p>Quote reference {digest} to the service desk.</p> : null}
    </>
  );
}
